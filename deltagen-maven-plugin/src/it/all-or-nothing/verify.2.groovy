// Build 2 failed on gamma and touched nothing: alpha's old class was neither rewritten nor
// replaced, beta's was not deleted, and the digests are those of build 1.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def offset = new File(basedir, 'target/log-offset')
def build = log.substring(offset.text as int)
offset.text = String.valueOf(log.length())
def gamma = new File(basedir, 'src/main/deltagen/gamma.nn').path
assert build.contains("[ERROR] ${gamma}:3:9: DG010 unknown activation 'sigmod'")
assert build.contains('[ERROR] deltagen: 1 of 2 specs has problems, so nothing was generated or written')
assert !build.contains('.nn -> ') : 'no spec was written'
assert !build.contains('removed the outputs')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/all')
def kept = new Properties()
new File(basedir, 'target/after-build-1.properties').withReader { kept.load(it) }
for (name in ['Alpha.java', 'Beta.java']) {
  assert Files.getLastModifiedTime(new File(generated, name).toPath()).toString() == kept[name] : "$name was touched"
}
assert new File(generated, 'Alpha.java').text.contains('PARAMETERS = 9;')
assert !new File(generated, 'Gamma.java').exists()
assert new File(basedir, 'target/deltagen/generate.properties').text == kept['state']
