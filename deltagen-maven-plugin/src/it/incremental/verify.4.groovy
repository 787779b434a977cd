// Build 4 removed the class of the deleted spec and left alpha's alone.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def build = log.substring(new File(basedir, 'target/log-offset').text as int)
assert build.contains('deltagen: removed the outputs of beta.nn, which is no longer a spec')
assert build.contains('deltagen: 1 spec up to date, nothing generated')

def generated = new File(basedir, 'target/generated-sources/deltagen/org/example/incremental')
assert !new File(generated, 'Beta.java').exists()
def times = new Properties()
new File(basedir, 'target/times-after-build-1.properties').withReader { times.load(it) }
assert Files.getLastModifiedTime(new File(generated, 'Alpha.java').toPath()).toString() == times['Alpha.java']
