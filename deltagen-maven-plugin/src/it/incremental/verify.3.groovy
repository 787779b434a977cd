// Build 3 regenerated only beta, whose spec changed; alpha's class was not touched.
evaluate(new File(itCommon))
def build = latestBuild()
assert build.contains('deltagen: beta.nn -> org/example/incremental/Beta.java (26 parameters); gradient check passed')
assert !build.contains('deltagen: alpha.nn -> ')
assert build.contains('deltagen: generated 1 spec, 1 up to date')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
def times = recorded('times-after-build-1.properties')
assert modified(new File(generated, 'Alpha.java')) == times['Alpha.java']
assert modified(new File(generated, 'Beta.java')) != times['Beta.java']
assert new File(generated, 'Beta.java').text.contains('PARAMETERS = 26;')
assert new File(basedir, 'target/classes/org/example/incremental/Beta.class').isFile()
