package main

func deref(pp **int) *int {
	return *pp
}

func main() {
	n := 1
	p := &n
	q := deref(&p)
	println(*q)
}
