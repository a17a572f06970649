"""Render the differential corpus with real Ansible (Templar) and print JSON results on stdout.

Usage: python3 ansible_side.py <corpus dir>   (reads vars.json, expressions.txt, templates/*.j2)
Each result is "str:<text>" for a string, "repr:<repr>" for any other value, "ERROR: <Class>: <first line>".
"""
import copy
import json
import os
import sys

sys.path.append('/usr/lib/python3/dist-packages')

from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.template import Templar  # noqa: E402


def encode(fn):
    try:
        r = fn()
        return ('str:' + r) if isinstance(r, str) else ('repr:' + repr(r))
    except Exception as e:  # noqa: BLE001
        return 'ERROR: ' + type(e).__name__ + ': ' + str(e).split('\n')[0][:200]


def main():
    base = sys.argv[1]
    with open(os.path.join(base, 'vars.json')) as fh:
        variables = json.load(fh)
    with open(os.path.join(base, 'expressions.txt'), newline='') as fh:
        lines = [line[:-1] if line.endswith('\n') else line for line in fh]
    exprs = [line for line in lines if line != '']
    loader = DataLoader()
    loader.set_basedir(base)
    out = {'expressions': [], 'templates': {}}
    for src in exprs:
        templar = Templar(loader=loader, variables=copy.deepcopy(variables))
        out['expressions'].append(encode(lambda: templar.template(src)))
    tdir = os.path.join(base, 'templates')
    for name in sorted(os.listdir(tdir)):
        with open(os.path.join(tdir, name), newline='') as fh:
            data = fh.read()
        tvars = copy.deepcopy(variables)
        if name.startswith('vars-'):
            # VariableManager.get_vars adds the `vars` magic as a copy of all vars; tsible resolves it itself
            tvars['vars'] = dict(tvars)
        templar = Templar(loader=loader, variables=tvars)
        templar.environment.loader.searchpath = [tdir]
        out['templates'][name] = encode(
            lambda: templar.do_template(data, preserve_trailing_newlines=True, escape_backslashes=False))
    json.dump(out, sys.stdout, indent=1)


main()
