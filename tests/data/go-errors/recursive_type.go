package main

type T struct {
	self T
}

func main() {}
