// The US-ASCII modular project compiled the trainer: no @Generated (its module does not read
// java.compiler), and the notation's letters written as Unicode escapes, every byte ASCII.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'target/generated-sources/deltagen/org/example/modular/Tiny.java')
assert source.isFile()
def bytes = source.bytes
assert bytes.every { it >= 0 } : 'a byte above 127 in a US-ASCII project'
def text = new String(bytes, 'US-ASCII')
assert !text.contains('@Generated') && !text.contains('javax.annotation.processing')
assert text.contains('\\u03b7') : 'η (in the messages and comments) is escaped'
assert log.contains('deltagen: module-info.java does not read java.compiler, so the trainers carry no @Generated')
assert new File(basedir, 'target/classes/org/example/modular/Tiny.class').isFile()
assert new File(basedir, 'target/classes/module-info.class').isFile()
