// The trainer was generated, checked and compiled, and the injected code neither compiled nor ran:
// Maven was not exited with 43, no marker exists, and target/classes holds the trainer's classes only.
def log = new File(basedir, 'build.log').text
assert !new File(basedir, '43').exists() : 'the injected Math initializer ran'
assert log.contains('deltagen: generated 1 spec, 0 up to date')
def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/names/Named.java')
assert generated.isFile()
def classes = []
new File(basedir, 'target/classes').eachFileRecurse(groovy.io.FileType.FILES) { classes << it.name }
assert classes && classes.every { it == 'Named.class' || it.startsWith('Named$') } : "classes besides the trainer's: $classes"
