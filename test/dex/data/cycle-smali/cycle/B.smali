.class public Lcycle/B;
.super Lcycle/A;
