// Build 3 found alpha stale, although build 2 had made it in memory, made it again, and removed
// the class of beta, whose deletion build 2 had left undone.
evaluate(new File(itCommon))
def build = latestBuild()
assert build.contains('deltagen: alpha.nn -> org/example/all/Alpha.java (13 parameters); gradient check passed')
assert build.contains('deltagen: removed the outputs of beta.nn, which is no longer a spec')
assert build.contains('deltagen: generated 1 spec, 0 up to date')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/all')
assert new File(generated, 'Alpha.java').text.contains('PARAMETERS = 13;')
assert !new File(generated, 'Beta.java').exists()
assert new File(basedir, 'target/classes/org/example/all/Alpha.class').isFile()
