// What the verify scripts share. Each runs it first, with evaluate(new File(itCommon)) (the pom
// passes its path as the script variable itCommon), and finds these names in its binding.
import java.nio.file.Files

log = new File(basedir, 'build.log').text
lines = log.readLines()

/** In a project built several times: the log of the latest build, which it marks as read. */
latestBuild = { ->
  def offset = new File(basedir, 'target/log-offset')
  def build = log.substring(offset.text as int)
  offset.text = String.valueOf(log.length())
  build
}

/** When {@code file} was last written, as the scripts record it. */
modified = { File file -> Files.getLastModifiedTime(file.toPath()).toString() }

/** The properties an earlier verify script stored as target/{@code name}. */
recorded = { String name ->
  def properties = new Properties()
  new File(basedir, "target/$name").withReader { properties.load(it) }
  properties
}

/** Asserts a located DG error for spec {@code name} of {@code dir} on {@code line}, naming one of {@code heads}. */
assertLocated = { File dir, String name, int line, List heads ->
  def prefix = "[ERROR] ${new File(dir, name).path}:${line}:"
  def problem = lines.find { it.startsWith(prefix) && it.substring('[ERROR] '.length()) =~ /^\S+:\d+:\d+: DG\d{3} / }
  assert problem != null : "no located DG error for $name at line $line"
  assert heads.any { problem.contains(it) } : "the error for $name names none of $heads: $problem"
}
