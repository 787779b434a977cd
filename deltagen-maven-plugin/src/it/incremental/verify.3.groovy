// Build 3 regenerated only beta, whose spec changed; alpha's class was not touched.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def offset = new File(basedir, 'target/log-offset')
def build = log.substring(offset.text as int)
offset.text = String.valueOf(log.length())
assert build.contains('deltagen: beta.nn -> org/example/incremental/Beta.java (26 parameters); gradient check passed')
assert !build.contains('deltagen: alpha.nn -> ')
assert build.contains('deltagen: generated 1 spec, 1 up to date')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
def times = new Properties()
new File(basedir, 'target/times-after-build-1.properties').withReader { times.load(it) }
assert Files.getLastModifiedTime(new File(generated, 'Alpha.java').toPath()).toString() == times['Alpha.java']
assert Files.getLastModifiedTime(new File(generated, 'Beta.java').toPath()).toString() != times['Beta.java']
assert new File(generated, 'Beta.java').text.contains('PARAMETERS = 26;')
assert new File(basedir, 'target/classes/org/example/incremental/Beta.class').isFile()
