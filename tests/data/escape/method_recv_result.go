package main

type Node struct {
	next *Node
	val  int
}

func (n *Node) Next() *Node {
	return n.next
}

func (n *Node) Self() *Node {
	return n
}

func main() {
	a := &Node{val: 1}
	b := &Node{next: a, val: 2}
	println(b.Next().val, b.Self().val)
}
