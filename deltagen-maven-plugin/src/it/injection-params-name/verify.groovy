// Both trainers were generated from their parameter files, checked and compiled, and the injected
// code neither compiled nor ran: no exit with 44, no marker, no class but the trainers'.
def log = new File(basedir, 'build.log').text
assert !new File(basedir, '44').exists() : 'the injected initializer ran'
assert log.contains('deltagen: generated 2 specs, 0 up to date')
def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/params')
for (network in ['ParamsMath', 'ParamsStatic']) {
  assert new File(generated, network + '.java').text.contains('-0.25') : "$network does not start from its parameter file"
}
def classes = []
new File(basedir, 'target/classes').eachFileRecurse(groovy.io.FileType.FILES) { classes << it.name }
assert classes && classes.every { it ==~ /Params(Math|Static)(\$.*)?\.class/ } : "classes besides the trainers': $classes"
