// Build 2 stopped at generate-sources with one located DG040 per clash, each at the spec's network
// name, naming the project's source; javac never ran, and nothing was written.
def log = new File(basedir, 'build.log').text
def build = log.substring(new File(basedir, 'target/log-offset').text as int)
def specs = new File(basedir, 'src/main/deltagen')
def expected = [
    "${new File(specs, 'app.nn').path}:1:9: DG040 network App in package org.example.app (the plugin's packageName) makes class org.example.app.App, which the project's src/main/java/org/example/app/App.java already declares; rename the network or give it another package",
    "${new File(specs, 'xor.nn').path}:2:9: DG040 network Xor in package com.example.xor (line 3) makes class com.example.xor.Xor, which the project's src/main/java/com/example/xor/Xor.java already declares; rename the network or give it another package",
]
for (problem in expected) {
  assert build.contains('[ERROR] ' + problem.toString() + '\n') : "not logged: $problem"
}
assert build.contains('[ERROR] deltagen: 2 of 2 specs have problems, so nothing was generated or written')
assert !build.contains('duplicate class')
assert !build.contains('maven-compiler-plugin')
assert !new File(basedir, 'target/generated-sources/deltagen/org/example/app/App.java').exists()
