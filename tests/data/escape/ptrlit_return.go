package main

type Node struct {
	next *Node
	val  int
}

func newNode(v int) *Node {
	return &Node{val: v}
}

func main() {
	n := newNode(3)
	println(n.val)
}
