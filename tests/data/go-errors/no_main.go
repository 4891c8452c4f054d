package main

func f() {}
