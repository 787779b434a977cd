// Build 2 changed nothing: no spec was generated and no file was rewritten.
evaluate(new File(itCommon))
def build = latestBuild()
assert build.contains('deltagen: 2 specs up to date, nothing generated')
assert !build.contains('.nn -> ')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
def times = recorded('times-after-build-1.properties')
for (name in ['Alpha.java', 'Beta.java']) {
  assert modified(new File(generated, name)) == times[name] : "$name was rewritten"
}
