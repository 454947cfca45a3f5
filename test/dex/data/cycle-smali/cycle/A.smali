.class public Lcycle/A;
.super Lcycle/B;
# A extends B extends A: smali does not verify, the runtime would refuse to link.
# Rebuild with: smali assemble -o test/dex/data/cycle.dex test/dex/data/cycle-smali/
