// The poisoner failed with a located error for a.nn, naming what it may not use; the victim, built
// after it in the same JVM, generated tanh as Math.tanh, not as u^3, and compiled it.
evaluate(new File(itCommon))
def poisoner = new File(basedir, 'poisoner/src/main/deltagen')
// a.nn uses four functions that are not mathematics; the error may name the first it meets.
assertLocated(poisoner, 'a.nn', 3, ['Unprotect', 'SetDelayed', 'Length', 'List'])
assert lines.contains('[ERROR] deltagen: 1 of 1 spec has problems, so nothing was generated or written')
assert !log.contains('deltagen bug')
assert lines.any { it ==~ /\[INFO\] victim \.+ SUCCESS .*/ } : 'the victim module was not built, or failed'

def generated = new File(basedir, 'victim/target/generated-sources/deltagen')
def b = new File(generated, 'B.java').text
assert b.contains('Math.tanh(u1[0])')
assert !b.contains('u1[0] * u1[0] * u1[0]') : 'a.nn redefined Tanh for b.nn'
assert new File(basedir, 'victim/target/classes/B.class').isFile()
