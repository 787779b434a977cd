// Between builds 3 and 4: delete beta's spec.
assert new File(basedir, 'src/main/deltagen/beta.nn').delete()
