package main

func f() error { return nil }

func main() {}
