package main

type A struct{ x int }
type B struct {
	A
}

func main() {}
