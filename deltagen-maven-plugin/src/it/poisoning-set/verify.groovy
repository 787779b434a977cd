// The poisoner failed with a located error for set.nn, naming Set, and none for valid.nn after it;
// the victim, built after it in the same JVM, generated its activation of u and compiled it.
evaluate(new File(itCommon))
def poisoner = new File(basedir, 'poisoner/src/main/deltagen')
assertLocated(poisoner, 'set.nn', 3, ['Set'])
assert !lines.any { it.contains('valid.nn:') } : 'set.nn broke the spec after it'
assert lines.contains('[ERROR] deltagen: 1 of 2 specs has problems, so nothing was generated or written')
assert !log.contains('deltagen bug')
assert lines.any { it ==~ /\[INFO\] victim \.+ SUCCESS .*/ } : 'the victim module was not built, or failed'

def generated = new File(basedir, 'victim/target/generated-sources/deltagen')
assert new File(generated, 'C.java').text.contains('z1[0] = u1[0] / (1.0 + u1[0] * u1[0]);') : 'set.nn changed u for c.nn'
assert new File(basedir, 'victim/target/classes/C.class').isFile()
