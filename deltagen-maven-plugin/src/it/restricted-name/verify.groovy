// Each spec failed at its network name (line 1, column 9) with a DG code that names the name.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def specs = new File(basedir, 'src/main/deltagen')
for (name in ['record', 'var', 'yield']) {
  def prefix = "[ERROR] ${new File(specs, name + '.nn').path}:1:9: DG0"
  def problem = lines.find { it.startsWith(prefix) }
  assert problem != null : "no located error for network $name"
  assert problem.contains("'$name'") || problem.contains(" $name ") : "the error does not name $name: $problem"
}
assert lines.contains('[ERROR] deltagen: 3 of 3 specs have problems, so nothing was generated or written')
assert !log.contains('deltagen bug')
assert !new File(basedir, 'target/generated-sources/deltagen').exists()
