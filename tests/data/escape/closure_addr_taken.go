package main

func main() {
	n := 1
	p := &n
	f := func() int {
		return n + 1
	}
	*p = 5
	println(f())
}
