package main

const (
	A = iota
)

func main() {}
