// Build 2 changed nothing: no spec was generated and no file was rewritten.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def offset = new File(basedir, 'target/log-offset')
def build = log.substring(offset.text as int)
offset.text = String.valueOf(log.length())
assert build.contains('deltagen: 2 specs up to date, nothing generated')
assert !build.contains('.nn -> ')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
def times = new Properties()
new File(basedir, 'target/times-after-build-1.properties').withReader { times.load(it) }
for (name in ['Alpha.java', 'Beta.java']) {
  assert Files.getLastModifiedTime(new File(generated, name).toPath()).toString() == times[name] : "$name was rewritten"
}
