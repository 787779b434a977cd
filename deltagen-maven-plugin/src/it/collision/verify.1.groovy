// Build 1 generated and compiled xor.nn's trainer.
def log = new File(basedir, 'build.log').text
new File(basedir, 'target/log-offset').text = String.valueOf(log.length())
assert log.contains('deltagen: generated 1 spec, 0 up to date')
assert new File(basedir, 'target/classes/com/example/xor/Xor.class').isFile()
