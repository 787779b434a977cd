// Build 2 failed on gamma and touched nothing: alpha's old class was neither rewritten nor
// replaced, beta's was not deleted, and the digests are those of build 1.
evaluate(new File(itCommon))
def build = latestBuild()
def gamma = new File(basedir, 'src/main/deltagen/gamma.nn').path
assert build.contains("[ERROR] ${gamma}:3:9: DG010 unknown activation 'sigmod'")
assert build.contains('[ERROR] deltagen: 1 of 2 specs has problems, so nothing was generated or written')
assert !build.contains('.nn -> ') : 'no spec was written'
assert !build.contains('removed the outputs')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/all')
def kept = recorded('after-build-1.properties')
for (name in ['Alpha.java', 'Beta.java']) {
  assert modified(new File(generated, name)) == kept[name] : "$name was touched"
}
assert new File(generated, 'Alpha.java').text.contains('PARAMETERS = 9;')
assert !new File(generated, 'Gamma.java').exists()
assert new File(basedir, 'target/deltagen/generate.properties').text == kept['state']
