package main

type S interface{ M() }

func main() {}
