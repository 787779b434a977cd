// Build 1 generated both specs; keep what it left, to compare build 2's leavings with.
evaluate(new File(itCommon))
new File(basedir, 'target/log-offset').text = String.valueOf(log.length())
assert log.contains('deltagen: generated 2 specs, 0 up to date')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/all')
assert new File(generated, 'Alpha.java').text.contains('PARAMETERS = 9;')
assert new File(generated, 'Beta.java').isFile()
def kept = new Properties()
for (name in ['Alpha.java', 'Beta.java']) {
  kept[name] = modified(new File(generated, name))
}
kept['state'] = new File(basedir, 'target/deltagen/generate.properties').text
new File(basedir, 'target/after-build-1.properties').withWriter { kept.store(it, null) }
