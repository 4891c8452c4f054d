package main

type Node struct {
	next *Node
	val  int
}

var head *Node

func push(v int) {
	head = &Node{next: head, val: v}
}

func main() {
	push(1)
	push(2)
	println(head.val, head.next.val)
}
