package main

type A = int

func main() {}
