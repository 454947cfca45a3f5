.class public Lcom/example/sub/Strict;
.super Lcom/example/TrustAll;

# Second DEX of the hierarchy fixture: extends a class defined in scan.dex.
# Rebuild with: smali assemble -o test/dex/data/hier2.dex test/dex/data/hier2-smali/

.method public checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .registers 4
    if-nez p1, :ok
    new-instance v0, Ljava/security/cert/CertificateException;
    invoke-direct {v0}, Ljava/security/cert/CertificateException;-><init>()V
    throw v0
    :ok
    return-void
.end method
