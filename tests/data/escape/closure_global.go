package main

var hook func() int

func main() {
	n := 10
	hook = func() int {
		return n
	}
	println(hook())
}
