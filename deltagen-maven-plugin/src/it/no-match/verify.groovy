// The build succeeded with a warning that names the directory and the patterns, and made nothing.
def lines = new File(basedir, 'build.log').readLines()
def specs = new File(basedir, 'src/main/deltagen').path
assert lines.contains("[WARNING] deltagen: no specs: nothing in ${specs} matches the includes [nets/**/*.nn] less the excludes [legacy/**]".toString())
assert !new File(basedir, 'target/generated-sources/deltagen').exists()

// deltagen:help lists the goals and, with -Ddetail -Dgoal=report, the report goal's parameters.
def log = lines.join('\n')
assert log.contains('deltagen:report') && log.contains('templateDirectory') : 'the help goal did not describe report'
