import json,sys,statistics,collections
d=collections.defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith('#') or not line.strip(): continue
    v,t,js=line.split(' ',2)
    r=json.loads(js)
    d[(int(t),r['n'],r['contrast'],v)].append((r['seconds'],r['cpu_seconds'],r['iterations']))
print("| threads | N^3 | contrast | PCG it | before s (median of rounds) | after s | after/before | before CPU s | after CPU s | CPU after/before |")
print("|---|---|---|---|---|---|---|---|---|---|")
for key in sorted({k[:3] for k in d}):
    b=d[key+('before',)]; a=d[key+('after',)]
    if not a or not b: continue
    mb=statistics.median(x[0] for x in b); ma=statistics.median(x[0] for x in a)
    cb=statistics.median(x[1] for x in b); ca=statistics.median(x[1] for x in a)
    print(f"| {key[0]} | {key[1]} | {key[2]:g} | {b[0][2]}/{a[0][2]} | {mb:.4f} | {ma:.4f} | {ma/mb:.2f} | {cb:.4f} | {ca:.4f} | {ca/cb:.2f} |  (rounds {len(b)}/{len(a)})")
