// Build 1 generated both specs; record when their classes were written.
evaluate(new File(itCommon))
new File(basedir, 'target/log-offset').text = String.valueOf(log.length())
assert log.contains('deltagen: alpha.nn -> org/example/incremental/Alpha.java (13 parameters); gradient check passed')
assert log.contains('deltagen: beta.nn -> org/example/incremental/Beta.java (14 parameters); gradient check passed')
assert log.contains('deltagen: generated 2 specs, 0 up to date')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
def times = new Properties()
for (name in ['Alpha.java', 'Beta.java']) {
  times[name] = modified(new File(generated, name))
}
new File(basedir, 'target/times-after-build-1.properties').withWriter { times.store(it, null) }
