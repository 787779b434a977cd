// Every hostile spec is a located DG error naming the function it may not use, none is "a deltagen
// bug", no file was written by a spec, and no trainer was written.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def specs = new File(basedir, 'src/main/deltagen')
def refused = [
    'export.nn': 'Export',
    'java-new.nn': 'JavaNew',
    'stream.nn': 'WriteString',
    'unclosed-comment.nn': 'StringLength',
]
refused.each { name, head ->
  def prefix = "[ERROR] ${new File(specs, name).path}:3:"
  def problem = lines.find { it.startsWith(prefix) && it.substring('[ERROR] '.length()) =~ /^\S+:\d+:\d+: DG\d{3} / }
  assert problem != null : "no located DG error for $name at line 3"
  assert problem.contains(head) : "the error for $name does not name $head: $problem"
}
assert lines.contains('[ERROR] deltagen: 4 of 4 specs have problems, so nothing was generated or written')
assert !log.contains('deltagen bug')
for (marker in ['exported-by-a-spec.txt', 'written-by-a-spec.txt', 'made-by-a-spec']) {
  assert !new File(basedir, marker).exists() : "a spec made $marker"
}
assert !new File(basedir, 'target/generated-sources/deltagen').exists()
