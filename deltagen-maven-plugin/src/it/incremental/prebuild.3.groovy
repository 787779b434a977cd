// Between builds 2 and 3: widen beta's hidden layer from 2 units to 4.
def spec = new File(basedir, 'src/main/deltagen/beta.nn')
def before = spec.text
spec.text = before.replace('layer 2 relu', 'layer 4 relu')
assert spec.text != before
