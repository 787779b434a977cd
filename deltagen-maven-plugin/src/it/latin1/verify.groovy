// The ISO-8859-1 project compiled the trainer; read in its encoding, the class shows no mojibake:
// the comments' δ is an escape javac and javadoc read as δ, not the two bytes of its UTF-8 (Î´).
// Its test read a message back with η intact.
def source = new File(basedir, 'target/generated-sources/deltagen/org/example/latin/Tiny.java')
assert source.isFile()
def text = source.getText('ISO-8859-1')
assert !text.contains('\u00ce') : 'UTF-8 bytes in an ISO-8859-1 source (Î…)'
assert text.contains('\\u03b4^2_j') : 'δ^2_j in the comments, escaped'
assert text.contains('"\\u03b7 must be positive and finite, not "')
def tests = new File(basedir, 'target/surefire-reports/TEST-org.example.latin.MessageTest.xml').text
assert tests.contains('tests="1"') && tests.contains('failures="0"') && tests.contains('errors="0"')
