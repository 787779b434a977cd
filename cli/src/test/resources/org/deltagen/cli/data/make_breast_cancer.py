"""Writes breast-cancer.csv: the Wisconsin Diagnostic Breast Cancer data (UCI, Wolberg, Street and
Mangasarian 1995; CC BY 4.0, https://archive.ics.uci.edu/dataset/17) as scikit-learn ships it
(sklearn.datasets.load_breast_cancer): 569 tumours, 30 features, the diagnosis as a string in the
last column. Run with Debian's python3-sklearn: /usr/bin/python3 make_breast_cancer.py > breast-cancer.csv"""
import csv
import sys

from sklearn.datasets import load_breast_cancer

data = load_breast_cancer()
writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow([name.replace(" ", "_") for name in data.feature_names] + ["diagnosis"])
for features, target in zip(data.data, data.target):
    writer.writerow([repr(float(v)) for v in features] + [data.target_names[target]])
