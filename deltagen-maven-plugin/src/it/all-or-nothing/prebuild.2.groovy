// Before build 2: widen alpha (9 parameters to 13), delete beta, add a spec with an error.
def specs = new File(basedir, 'src/main/deltagen')
def alpha = new File(specs, 'alpha.nn')
def before = alpha.text
alpha.text = before.replace('layer 2 tanh', 'layer 3 tanh')
assert alpha.text != before
assert new File(specs, 'beta.nn').delete()
new File(specs, 'gamma.nn').text = 'network Gamma\ninput 2\nlayer 2 sigmod\nloss sse\n'
assert new File(specs, 'gamma.nn').isFile()
