// Before build 2: the project gains its own com.example.xor.Xor, and a spec whose class is App.
def xor = new File(basedir, 'src/main/java/com/example/xor/Xor.java')
xor.parentFile.mkdirs()
xor.text = 'package com.example.xor;\n\n/** Written by hand. */\npublic final class Xor {}\n'
new File(basedir, 'src/main/deltagen/app.nn').text = 'network App\ninput 1\nlayer 1 identity\nloss sse\n'
assert xor.isFile()
