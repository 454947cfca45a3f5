.class public interface abstract Lcycle/C;
.super Ljava/lang/Object;
.implements Lcycle/C;
.implements Lcycle/D;
