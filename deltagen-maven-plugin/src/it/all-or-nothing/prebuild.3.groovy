// Before build 3: the bad spec is gone.
assert new File(basedir, 'src/main/deltagen/gamma.nn').delete()
