// Maven ended by itself with the build's failure (had the injected initializer run, it would have
// exited with 42 before logging "BUILD FAILURE"); the spec is a located DG error naming
// StringLength; no marker exists; no trainer was written, not even valid.nn's.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[INFO] BUILD FAILURE') : 'Maven did not end by itself: did the injected code exit it?'
assert !new File(basedir, '42').exists() : 'the injected Math initializer ran'

def prefix = "[ERROR] ${new File(basedir, 'src/main/deltagen/system-exit.nn').path}:5:"
def problem = lines.find { it.startsWith(prefix) && it.substring('[ERROR] '.length()) =~ /^\S+:\d+:\d+: DG\d{3} / }
assert problem != null : 'no located DG error for system-exit.nn at line 5'
assert problem.contains('StringLength') : "the error does not name StringLength: $problem"
assert lines.contains('[ERROR] deltagen: 1 of 2 specs has problems, so nothing was generated or written')
assert !log.contains('deltagen bug')
assert !new File(basedir, 'target/generated-sources/deltagen').exists()
