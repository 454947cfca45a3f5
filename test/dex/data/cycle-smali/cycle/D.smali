.class public interface abstract Lcycle/D;
.super Ljava/lang/Object;
.implements Lcycle/C;
