// big.nn failed as a spec error at its widest layer, with the heap's size and the -Xmx hint; small.nn,
// made after it, had no problem; nothing was written.
def lines = new File(basedir, 'build.log').readLines()
def big = new File(basedir, 'src/main/deltagen/big.nn').path
def problem = lines.find { it.startsWith("[ERROR] ${big}:3:1: DG019 ") }
assert problem != null : 'no DG019 for big.nn'
assert problem.contains('the network is too large for the heap') && problem.contains('25005001 parameters')
assert problem.contains('MAVEN_OPTS=-Xmx')
assert lines.contains('[ERROR] deltagen: 1 of 2 specs has problems, so nothing was generated or written')
assert !lines.any { it.contains('deltagen bug') || it.contains('small.nn:') }
assert !new File(basedir, 'target/generated-sources/deltagen').exists()

// A net of millions of parameters has its stages said as they start; a small one's are not.
assert lines.contains('[INFO] deltagen: big.nn: deriving (25005001 parameters)')
assert !lines.any { it.startsWith('[INFO] deltagen: small.nn: deriving') }
