package main

type Node struct {
	next *Node
	val  int
}

var list *Node

func (n *Node) Push() {
	n.next = list
	list = n
}

func main() {
	var a Node
	a.val = 1
	a.Push()
	b := &Node{val: 2}
	b.Push()
	println(list.val, list.next.val)
}
