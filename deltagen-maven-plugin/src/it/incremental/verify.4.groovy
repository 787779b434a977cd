// Build 4 removed the class of the deleted spec and left alpha's alone.
evaluate(new File(itCommon))
def build = latestBuild()
assert build.contains('deltagen: removed the outputs of beta.nn, which is no longer a spec')
assert build.contains('deltagen: 1 spec up to date, nothing generated')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
assert !new File(generated, 'Beta.java').exists()
def times = recorded('times-after-build-1.properties')
assert modified(new File(generated, 'Alpha.java')) == times['Alpha.java']
