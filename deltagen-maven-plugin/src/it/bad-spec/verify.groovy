// The build failed, and said why as compilers do: every problem of every spec, each on its own
// line as file:line:column: code message, with the spec's full path.
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
assert lines.contains('[INFO] deltagen: generated 1 spec, 0 up to date, 2 with problems')

// The valid spec was generated; nothing of the bad ones was written.
def generated = new File(basedir, 'target/generated-sources/deltagen')
assert new File(generated, 'org/example/good/Good.java').isFile()
assert !new File(generated, 'Bad.java').exists()
assert !new File(generated, 'Short.java').exists()
