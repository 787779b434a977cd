// The build failed, and said why as compilers do: every problem of every spec, each on its own
// line as file:line:column: code message, with the spec's full path; and it wrote nothing.
def lines = new File(basedir, 'build.log').readLines()
def specs = new File(basedir, 'src/main/deltagen')

def expected = [
    "${new File(specs, 'bad.nn').path}:4:9: DG010 unknown activation 'sigmod'; did you mean 'sigmoid'? (or write f(u) = <expression>)",
    "${new File(specs, 'bad.nn').path}:7:7: DG014 unknown batch reduction 'average'; expected one of: sum, mean",
    "${new File(specs, 'short.params').path}:1:1: DG020 network Short has 3 parameters, but short.params gives 4; list them layer by layer, bias row first, as in 'deltagen generate' javadoc",
]
for (problem in expected) {
  assert lines.contains('[ERROR] ' + problem.toString()) : "not logged: $problem"
}
assert lines.any { it.contains('Failed to execute goal') && it.endsWith('deltagen: 3 problems in the specs:') }
assert lines.contains('[ERROR] deltagen: 2 of 3 specs have problems, so nothing was generated or written')
assert !lines.any { it.contains('deltagen bug') }

// All or nothing: not even the valid spec's trainer was written, nor a digest that would make the
// next build take it for up to date.
assert !new File(basedir, 'target/generated-sources/deltagen').exists()
assert !new File(basedir, 'target/deltagen').exists()
