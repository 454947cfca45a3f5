.class public Lcom/example/Scan;
.super Ljava/lang/Object;

# Fixture for test/dex/scan.test.ts: every method below is asserted on by pc, so edit with care
# and rebuild with: smali assemble -o test/dex/data/scan.dex test/dex/data/scan-smali/

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static deviceId(Landroid/telephony/TelephonyManager;)Ljava/lang/String;
    .registers 2
    invoke-virtual {p0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static serial()Ljava/lang/String;
    .registers 2
    const-string v0, "serial:"
    sget-object v1, Landroid/os/Build;->SERIAL:Ljava/lang/String;
    invoke-virtual {v0, v1}, Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static cipher()Ljavax/crypto/Cipher;
    .registers 1
    const-string v0, "AES/ECB/PKCS5Padding"
    invoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;
    move-result-object v0
    return-object v0
.end method

.method public static androidId(Landroid/content/ContentResolver;)Ljava/lang/String;
    .registers 2
    const-string/jumbo v0, "android_id"
    invoke-static {p0, v0}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static openOut(Landroid/content/Context;)V
    .registers 3
    const-string v0, "data.txt"
    const/4 v1, 0x1
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;
    const/16 v1, 0x7fff
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;
    move-result-object v0
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;
    return-void
.end method

.method public static javaScript(Landroid/webkit/WebSettings;)V
    .registers 3
    const/4 v0, 0x1
    move v1, v0
    invoke-virtual {p0, v1}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
    const v0, 0x12345678
    const/high16 v1, 0x7f010000
    sget v1, Landroid/os/Build$VERSION;->SDK_INT:I
    invoke-static {v0, v1}, Ljava/lang/Math;->max(II)I
    return-void
.end method

.method public static intent(Landroid/content/pm/PackageInfo;)Landroid/content/Intent;
    .registers 3
    iget-object v1, p0, Landroid/content/pm/PackageInfo;->versionName:Ljava/lang/String;
    new-instance v0, Landroid/content/Intent;
    invoke-direct {v0}, Landroid/content/Intent;-><init>()V
    new-instance v1, Lcom/example/Scan;
    invoke-direct {v1}, Lcom/example/Scan;-><init>()V
    return-object v0
.end method

.method public static table(II)[I
    .registers 4
    const/4 v0, 0x3
    new-array v0, v0, [I
    fill-array-data v0, :array_0
    packed-switch p0, :pswitch_data_0
    return-object v0
    :pswitch_0
    const/4 v1, 0x0
    aput p1, v0, v1
    return-object v0
    :pswitch_1
    if-eqz p1, :cond_0
    sparse-switch p1, :sswitch_data_0
    :cond_0
    :sswitch_0
    return-object v0

    :array_0
    .array-data 4
        0x1
        0x2
        0x3
    .end array-data

    :pswitch_data_0
    .packed-switch 0x0
        :pswitch_0
        :pswitch_1
    .end packed-switch

    :sswitch_data_0
    .sparse-switch
        0x10 -> :sswitch_0
        0x7fffffff -> :sswitch_0
    .end sparse-switch
.end method

.method public static wide(J)J
    .registers 6
    const-wide v0, 0x123456789abcdefL
    const-wide/16 v2, -0x1
    invoke-static {v0, v1, v2, v3}, Ljava/lang/Math;->max(JJ)J
    move-result-wide v0
    return-wide v0
.end method

.method public static nothing()V
    .registers 0
    return-void
.end method

.method public static yes()Z
    .registers 1
    const/4 v0, 0x1
    return v0
.end method

.method public static no()Z
    .registers 1
    const/4 v0, 0x0
    return v0
.end method

# 32 nops: tests overwrite these code units with hand-made instruction streams.
.method public static pad()V
    .registers 8
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    return-void
.end method
