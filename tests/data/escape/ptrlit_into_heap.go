package main

type Node struct {
	next *Node
	val  int
}

func main() {
	a := &Node{}
	b := &Node{}
	a.next = b
	println(a.next == b)
}
